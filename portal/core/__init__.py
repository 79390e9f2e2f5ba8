"""The kernel: pieces every app may use and that use no app of the project.

Shared StreamField blocks (`blocks`), versioned pages (`versioning`, `models`), money
formatting (`money`), SVG bar charts (`charts`) and PDF rendering (`pdf`).
"""
