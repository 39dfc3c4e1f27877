"""The package itself: its version, compare(), and how errors arrive."""

import re

import pytest
import vigil
from conftest import SOURCE_DIR


def test_version_is_the_projects():
    cmake = (SOURCE_DIR / "CMakeLists.txt").read_text()
    expected = re.search(r"project\(vigil VERSION (\S+)", cmake).group(1)
    assert vigil.__version__ == expected


def test_compare_scores_reordered_nasab_below_the_same_name():
    same = vigil.compare("Sirajuddin Haqqani", "Serajuddin Haqani", kind="person")
    assert same["name_a"] == "Sirajuddin Haqqani"
    assert same["kind"] == "person"
    assert same["match"] is True
    assert same["explanation"]["pairs"]
    unrelated = vigil.compare("Sirajuddin Haqqani", "Margaret Thornton")
    assert unrelated["match"] is False
    assert unrelated["score"] < same["score"]


def test_bad_option_is_an_input_error_with_vigils_message():
    with pytest.raises(vigil.InputError) as caught:
        vigil.compare("a b", "c d", kind="animal")
    error = caught.value
    assert isinstance(error, ValueError) and isinstance(error, vigil.Error)
    assert error.field == "kind"
    assert error.exit_code == 2
    assert str(error) == "kind: unknown 'animal' (person or organization)"


def test_missing_store_is_not_found(tmp_path):
    with pytest.raises(vigil.NotFoundError) as caught:
        vigil.open(tmp_path / "nothing.db")
    assert isinstance(caught.value, KeyError)
    assert caught.value.exit_code == 3
    assert "nothing.db" in str(caught.value)
