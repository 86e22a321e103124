"""python -m desk_app"""

import sys

from desk_app.cli import main

sys.exit(main())
