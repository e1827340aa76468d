"""``python -m heard_text``: the heard-text command line."""

import sys

from heard_text.cli import main

sys.exit(main())
