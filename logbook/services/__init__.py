"""Writes to the logbook that touch several rows, one module per part of the domain."""

from logbook.services.content import CONTENT_PATH, curated_routines_load, parse_routines
from logbook.services.plans import (
    calendar_key,
    calendar_link_new,
    function_check_save,
    plan_create,
    plan_goal_sync,
    plan_step_take,
)
from logbook.services.routines import (
    routine_add_exercise,
    routine_copy,
    routine_create,
    routine_item_apply,
    routine_move_item,
    routine_remove_item,
    routine_update,
)
from logbook.services.sessions import ENTRY_FIELDS, SESSION_FIELDS, session_create, session_update
from logbook.services.sharing import (
    share_key,
    share_link_create,
    share_link_open,
    share_link_revoke,
)

__all__ = [
    "CONTENT_PATH",
    "ENTRY_FIELDS",
    "SESSION_FIELDS",
    "calendar_key",
    "calendar_link_new",
    "curated_routines_load",
    "function_check_save",
    "parse_routines",
    "plan_create",
    "plan_goal_sync",
    "plan_step_take",
    "routine_add_exercise",
    "routine_copy",
    "routine_create",
    "routine_item_apply",
    "routine_move_item",
    "routine_remove_item",
    "routine_update",
    "session_create",
    "session_update",
    "share_key",
    "share_link_create",
    "share_link_open",
    "share_link_revoke",
]
