"""What every step shows above its own content."""

import streamlit as st

from dossier.eligibility import active_steps

from .example import example_banner
from .i18n import t
from .state import call, show_flash

CURRENT = "current_step"  # set by app.py from the page being run


def step_bar() -> None:
    """ "Passo 3 di 9 – Ente" and a progress bar: where the user is, also on a phone,
    where the sidebar with the steps is closed."""
    steps = active_steps(call())
    step = st.session_state.get(CURRENT, steps[0])
    n = steps.index(step) + 1 if step in steps else 1
    st.progress(n / len(steps), text=t("nav.step_of", n=n, total=len(steps), step=t(f"steps.{step}")))


def page_top() -> None:
    step_bar()
    example_banner()
    show_flash()
