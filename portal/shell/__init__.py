"""The shell: what assembles the site from the apps (settings and URLs live beside it in
`portal/`). The site-wide feed, the demo loader, the error and health views. The shell may
import every app; no app imports the shell."""
