from logbook.pain import ACCEPTABLE_PAIN, HIGH_PAIN


def pain_model(request) -> dict:
    """The numbers pages state (the safety line on every page), from the pain model itself."""
    return {"pain_acceptable": ACCEPTABLE_PAIN, "pain_high": HIGH_PAIN}
