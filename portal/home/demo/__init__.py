"""Demo content for the home app: the home page, the main content pages, the footer and
the demo accounts (one per group). Called by `manage.py load_demo`.

`pages` builds the page tree (Wagtail's welcome page is replaced by the HomePage, which
becomes the root of the default site), `content` holds the pages' Dutch texts, `users`
the demo accounts and their MFA.

Everything here is idempotent: pages are looked up by slug under the home page, users by
e-mail, and nothing that already exists is changed, so a second run creates and changes
nothing.

Demo MFA: every demo user who can reach the admin gets a TOTP authenticator with the
fixed, public secret `DEMO_TOTP_SECRET` (add it to any authenticator app, or run
`manage.py demo_totp <e-mail>`) and recovery codes derived from the fixed seed
`DEMO_RECOVERY_SEED` (`manage.py demo_totp <e-mail> --herstelcodes` lists them). These
secrets are published on purpose: demo accounts never belong on a production site.
"""

from .pages import WAGTAIL_WELCOME_TITLE, home_sections_update, load
from .users import (
    DEMO_EMAIL_DOMAIN,
    DEMO_RECOVERY_SEED,
    DEMO_TOTP_SECRET,
    DEMO_USERS,
    DemoLogin,
    DemoMFAError,
    DemoUser,
    demo_mfa_activate,
    demo_recovery_codes,
    demo_totp_code,
    is_demo_email,
    users_load,
)

__all__ = [
    "DEMO_EMAIL_DOMAIN",
    "DEMO_RECOVERY_SEED",
    "DEMO_TOTP_SECRET",
    "DEMO_USERS",
    "WAGTAIL_WELCOME_TITLE",
    "DemoLogin",
    "DemoMFAError",
    "DemoUser",
    "demo_mfa_activate",
    "demo_recovery_codes",
    "demo_totp_code",
    "home_sections_update",
    "is_demo_email",
    "load",
    "users_load",
]
