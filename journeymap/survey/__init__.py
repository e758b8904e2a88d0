"""Voice of the customer: satisfaction surveys designed from the map, and the answers brought back onto it.

    import journeymap as jm
    questionnaire = jm.survey.design(journey)                     # moments of truth → questions with stable codes
    jm.survey.save_questionnaire(questionnaire, "survey.xlsx")    # XLSForm; .json SurveyJS, .tsv LimeSurvey, .md, .csv
    jm.survey.sampling_plan(journey).summary()                    # answers needed, days of fieldwork
    scores = jm.survey.score(journey, "answers.csv")              # CSAT, CES, NPS with intervals; grades
    scores.importance(); scores.plot("ipa.png")                   # which moments matter most
    measured = jm.survey.apply(journey, scores)                   # measured satisfaction onto the map
"""

from journeymap.survey.chart import plot_importance
from journeymap.survey.codebooks import CODEBOOK_COLUMNS, codebook
from journeymap.survey.designer import design, effort_reasons
from journeymap.survey.export import FORMATS, save_questionnaire
from journeymap.survey.grades import GRADES, Targets, grade
from journeymap.survey.importance import IMPORTANCE_COLUMNS, derived_importance
from journeymap.survey.intervals import mean_interval, n_to_clear, nps_interval, wilson
from journeymap.survey.limesurvey import limesurvey_names
from journeymap.survey.measured import apply
from journeymap.survey.printable import questionnaire_html, questionnaire_markdown
from journeymap.survey.questionnaire import Question, Questionnaire, Scale, Section
from journeymap.survey.responses import Responses, read_responses
from journeymap.survey.sampling import PLAN_COLUMNS, SamplingPlan, answers_needed, sampling_plan
from journeymap.survey.scoring import ITEM_COLUMNS, MOMENT_COLUMNS, Scores, score
from journeymap.survey.surveyjs import surveyjs_json
from journeymap.survey.synthetic import Truth, answer_truth, sample_answers
from journeymap.survey.xlsform import xlsform_sheets

__all__ = [
    "CODEBOOK_COLUMNS",
    "FORMATS",
    "GRADES",
    "IMPORTANCE_COLUMNS",
    "ITEM_COLUMNS",
    "MOMENT_COLUMNS",
    "PLAN_COLUMNS",
    "Question",
    "Questionnaire",
    "Responses",
    "SamplingPlan",
    "Scale",
    "Scores",
    "Section",
    "Targets",
    "Truth",
    "answer_truth",
    "answers_needed",
    "apply",
    "codebook",
    "derived_importance",
    "design",
    "effort_reasons",
    "grade",
    "limesurvey_names",
    "mean_interval",
    "n_to_clear",
    "nps_interval",
    "plot_importance",
    "questionnaire_html",
    "questionnaire_markdown",
    "read_responses",
    "sample_answers",
    "sampling_plan",
    "save_questionnaire",
    "score",
    "surveyjs_json",
    "wilson",
    "xlsform_sheets",
]
