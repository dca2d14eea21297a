"""What every step shows above its own content."""

import streamlit as st

from dossier.eligibility import active_steps

from ..session.i18n import t
from ..session.state import call, show_flash
from .example import example_banner

CURRENT = "current_step"  # set by app.py from the page being run


def _where() -> tuple[int, int, str]:
    """The current step's number, the number of steps, the step's name."""
    steps = active_steps(call())
    step = st.session_state.get(CURRENT, steps[0])
    n = steps.index(step) + 1 if step in steps else 1
    return n, len(steps), t(f"steps.{step}")


def tab_title() -> str:
    """The browser tab's title: the step, then the call ("Passo 3 di 9 – Ente · CONNECTION")."""
    n, total, step = _where()
    return f"{t('nav.step_of', n=n, total=total, step=step)} · {call().short_name}"


def step_bar() -> None:
    """ "Passo 3 di 9 – Ente" and a progress bar: where the user is, also on a phone,
    where the sidebar with the steps is closed."""
    n, total, step = _where()
    st.progress(n / total, text=t("nav.step_of", n=n, total=total, step=step))


def page_top() -> None:
    step_bar()
    example_banner()
    show_flash()
