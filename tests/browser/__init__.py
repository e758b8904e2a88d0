"""Helpers for the browser tests: JupyterLab and Voilà servers on loopback, and headless Chromium."""
