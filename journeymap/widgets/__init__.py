"""The notebook workbench: an ipywidgets editor of a journey with a live diagram, and a simulator panel.

    import journeymap as jm
    editor = jm.edit(jm.template("service_cycle"))   # or journeymap.widgets.Editor(journey)
    editor.journey                                    # always the current valid journey
    sim = jm.Simulator(editor.journey)                # sliders, Run, KPI cards beside the last run
    jm.workbench()                                    # both on one page, with a template picker (make workshop)

The widgets hold no business logic: every change they make is an ordinary call on the model
(``journey.update_touchpoint(...)``), validated with :func:`journeymap.validate`, drawn with
:func:`journeymap.draw` and simulated with :func:`journeymap.simulate`.
"""

from journeymap.widgets.diagram import VIEWS, DiagramView
from journeymap.widgets.editor import Editor, edit
from journeymap.widgets.history import History
from journeymap.widgets.page import Workbench, workbench
from journeymap.widgets.picker import TemplatePicker
from journeymap.widgets.simulator import Run, Simulator

__all__ = ["VIEWS", "DiagramView", "Editor", "History", "Run", "Simulator", "TemplatePicker", "Workbench", "edit",
           "workbench"]
