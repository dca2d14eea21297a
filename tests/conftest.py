import pytest

from dossier import sample
from dossier.calls import load_call


@pytest.fixture(scope="session")
def call():
    return load_call("connection-2020")


@pytest.fixture
def single():
    return sample.single()


@pytest.fixture
def union():
    return sample.union()
