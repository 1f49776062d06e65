"""Forms to collect producer data: a spreadsheet template and a printable questionnaire.

A collective sends the template (:func:`template`, an ``.xlsx``) to producers,
or fills it from its own survey; producers without a computer answer the
printed questionnaire (:func:`questionnaire`, one A4 HTML page), whose answers
are typed into the template. Both ask for exactly the columns the grid reads, in
the same order and words (:func:`form_columns`), and the filled template is a
producer table :func:`selection.rank` reads as it is.

May import: :mod:`selection.scoring` (the reader's header matching, so that every
header the template writes is one the ranking maps back), :mod:`selection.grid`,
:mod:`selection.table`, :mod:`selection.examples` and the base modules.

Examples
--------
>>> import tempfile, pathlib, selection
>>> from selection.forms import template
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> template(selection.example_grid_path(), folder / "producteurs.xlsx", lang="fr").name
'producteurs.xlsx'
"""

from .columns import FormColumn, Role, form_columns
from .paper import questionnaire, questionnaire_html
from .workbook import template

__all__ = [
    "FormColumn",
    "Role",
    "form_columns",
    "questionnaire",
    "questionnaire_html",
    "template",
]
