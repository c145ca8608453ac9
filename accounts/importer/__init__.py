"""Import of a JSON export (accounts/export.py) into the signed-in account, all or nothing.

Steps: read the upload (size, UTF-8, JSON: reading.py); bring an older version up to the current
one (versions.py); check it against the JSON Schema (schema.py) and check that what it names
exists (references.py); then, in one transaction, write it (writing.py). Any problem at any step
is a ValidationError listing each problem with its place in the file, and nothing is written.
Importing the same file twice adds nothing the second time. Ids in a file are never read: only
the importing user's own rows are looked at or changed.
"""

from django.db import transaction

from accounts.importer.problems import Problems
from accounts.importer.reading import read_document, too_large_message
from accounts.importer.references import Library, check_references
from accounts.importer.result import ImportResult
from accounts.importer.schema import check_schema
from accounts.importer.versions import current_version
from accounts.importer.writing import write_document

__all__ = ["ImportResult", "import_document", "too_large_message"]


def import_document(*, user, data: bytes) -> ImportResult:
    """Import an uploaded export into the user's account; see the module's docstring."""
    document = read_document(data)
    library = Library.load()
    upgraded = current_version(document, curated_keys=library.curated_keys)
    problems = Problems()
    check_schema(upgraded.document, problems)
    problems.raise_any()  # the references are checked on a document of the right shape only
    check_references(upgraded.document, library, problems)
    problems.raise_any()
    result = ImportResult(routine_links_dropped=upgraded.routine_links_dropped)
    with transaction.atomic():
        write_document(user=user, document=upgraded.document, library=library, result=result)
    return result
