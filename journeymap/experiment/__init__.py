"""What-if experiments on a journey: scenarios of changes, paired comparisons and parameter sweeps,
run in this process, on a local process pool or on a Dask cluster with identical results.

    import journeymap as jm
    faster = jm.Scenario("Faster diagnosis", [jm.scale_service_time("diagnose", 0.8)])
    comparison = jm.compare(journey, [faster], replications=10, seed=1)
    grid = jm.sweep(journey, {"call.capacity": [2, 3, 4], "arrival.rate": ["20/h", "30/h"]})

The public face is :mod:`journeymap`'s (``jm.Scenario``, ``jm.compare``, ``jm.sweep``, the changes such as
``jm.scale_service_time``); the modules here hold them: :mod:`~journeymap.experiment.changes`,
:mod:`~journeymap.experiment.routing`, :mod:`~journeymap.experiment.scenario`,
:mod:`~journeymap.experiment.comparison`, :mod:`~journeymap.experiment.sweeping`,
:mod:`~journeymap.experiment.staffing`.
"""
