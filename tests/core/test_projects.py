"""Project names, table-driven: what stands before a name is not part of it."""
import pytest

from etl.core import extract_text
from etl.reference import load_reference

REF = load_reference()


@pytest.mark.parametrize("text, names", [
    # a lead verb in mid-sentence is stripped, as at the start of a sentence
    ("小店区坚持项目为王,推进数字经济产业园建设。", ["数字经济产业园"]),
    ("小店区推进数字经济产业园建设。", ["数字经济产业园"]),
    ("目前,太原市加快推进数字经济产业园建设。", ["数字经济产业园"]),
    ("清徐县签约引进精细化工产业园项目落地。", ["精细化工产业园"]),
    # a place named inside the name, with no verb between, stays part of it
    ("太原市数字经济产业园开工建设。", ["太原市数字经济产业园"]),
    # "更多项目" is a quantity, not a name, wherever the clause starts
    ("小店区统筹推进142个项目建设,推动更多项目投产达效。", []),
])
def test_project_names(text, names):
    assert [p.name for p in extract_text(text, REF).projects] == names
