"""``python -m selection``: the ``selection`` command."""

import sys

from .cli import main

sys.exit(main())
