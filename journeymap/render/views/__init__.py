"""The three views of a journey, each a pure function from a :class:`~journeymap.render.scene.Scene`
to a ``graphviz.Digraph``: the cycle of service (clock face), the flow by stage, the service blueprint."""
