"""What every step shows above its own content."""

from .example import example_banner
from .state import show_flash


def page_top() -> None:
    example_banner()
    show_flash()
