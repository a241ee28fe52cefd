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
    # items listed before the one next to the verb share its stage
    ("2023年，潞安化工集团一体化项目、长治经开区光伏组件生产基地项目顺利投产。",
     ["潞安化工集团一体化", "长治经开区光伏组件生产基地"]),
    # a subject with 将 before its verb is not part of the name
    ("今年，长治将推进比亚迪新能源电池产业园建设。", ["比亚迪新能源电池产业园"]),
    # "更多项目" is a quantity, not a name, wherever the clause starts
    ("小店区统筹推进142个项目建设,推动更多项目投产达效。", []),
])
def test_project_names(text, names):
    assert [p.name for p in extract_text(text, REF).projects] == names


def test_a_place_heading_a_project_name_is_its_region():
    text = "长治市加快项目建设，沁源县年产60万吨焦化项目开工建设。"
    [project] = extract_text(text, REF).projects
    assert (project.name, project.region_name) == ("沁源县年产60万吨焦化", "沁源县")
