"""`python -m bot` does what the `articlebot` command does."""

import sys

from bot.cli import main

sys.exit(main())
