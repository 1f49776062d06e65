"""``python -m selection.cli``: the ``selection`` command."""

import sys

from . import main

sys.exit(main())
