"""Voice of the customer: satisfaction surveys designed from the map, and the answers brought back onto it.

    import journeymap as jm
    questionnaire = jm.survey.design(journey)                 # moments of truth → questions
    jm.survey.save_questionnaire(questionnaire, "survey.xlsx")  # XLSForm; .json SurveyJS, .tsv LimeSurvey...
"""

from journeymap.survey.codebook import CODEBOOK_COLUMNS, codebook
from journeymap.survey.design import design, effort_reasons
from journeymap.survey.export import FORMATS, save_questionnaire
from journeymap.survey.limesurvey import limesurvey_names
from journeymap.survey.printable import questionnaire_html, questionnaire_markdown
from journeymap.survey.questionnaire import Question, Questionnaire, Scale, Section
from journeymap.survey.surveyjs import surveyjs_json
from journeymap.survey.xlsform import xlsform_sheets

__all__ = [
    "CODEBOOK_COLUMNS",
    "FORMATS",
    "Question",
    "Questionnaire",
    "Scale",
    "Section",
    "codebook",
    "design",
    "effort_reasons",
    "limesurvey_names",
    "questionnaire_html",
    "questionnaire_markdown",
    "save_questionnaire",
    "surveyjs_json",
    "xlsform_sheets",
]
