"""Settings shared by every environment. Environment variables override defaults."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("HEARD_VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS: list[str] = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]

# Heard's own apps, in the order of the loop: imports only flow downwards in this list.
HEARD_APPS = [
    "core",  # the ground floor: templates, static files, form rendering, shared helpers
    "governance",
    "places",
    "organisations",
    "engagement",
    "consultations",
    "insight",
    "reach",
    "outcomes",
    "website",
    "api",
    "heard",  # the project: settings, URLs and the demo (its `demo_load` command)
]
INSTALLED_APPS = [
    "modeltranslation",  # translated content (README "Translating what staff write"): before admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "django_filters",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # serves Swagger UI's files from Heard itself, not a CDN (the API docs work offline)
    "django_otp",  # two-factor sign-in (organisations/two_factor.py)
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",  # sign-in back-off
    *HEARD_APPS,
]
FORM_RENDERER = "core.forms.GovukFormRenderer"

AUTH_USER_MODEL = "organisations.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out account or address
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "organisations.oidc.HeardOIDCBackend",  # single sign-on, when HEARD_OIDC_ENABLED
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "audit:dashboard"
LOGOUT_REDIRECT_URL = "public:home"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",  # the language: its cookie, else Accept-Language
    "core.content_languages.EnglishForStaffMiddleware",  # staff pages, API, admin: English
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "organisations.two_factor_middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the "locked out" page
]

ROOT_URLCONF = "heard.urls"
WSGI_APPLICATION = "heard.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.page_cache.csrf",
                "core.context_processors.staff_menu",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'heard.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the task worker write while the web process reads.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"  # shown to people; stored times are UTC (USE_TZ).
USE_I18N = True
USE_TZ = True
# The languages of the public site (README "Languages"): each is named in its own language in the
# switcher. The visitor's choice is kept in the language cookie (website/language.py); without
# it, the browser's Accept-Language picks; English otherwise. Urdu is written right to left.
# Translations live in each app's locale/ directory (core: the page frame; website: the site).
LANGUAGES = [
    ("en-gb", "English"),
    ("cy", "Cymraeg"),
    ("pl", "Polski"),
    ("ur", "اردو"),
    ("pa", "ਪੰਜਾਬੀ"),
]
# Content staff write (activities, questionnaires, "You said, we did", priorities) can carry a
# translation per language (django-modeltranslation, each app's translation.py): `title` reads
# the page's language, else English; staff pages and the API always work in English
# (core.content_languages.EnglishForStaffMiddleware).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en-gb"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en-gb",)
MODELTRANSLATION_AUTO_POPULATE = False
LANGUAGE_COOKIE_NAME = "heard_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }

NINJA_PAGINATION_PER_PAGE = 50

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # HTMX reads the token from the page, not the cookie.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content Security Policy (django-csp): every script, style, image and font comes from Heard
# itself; no inline script or style, no eval; no page may be framed. Forms post to Heard only,
# and to the sign-in provider when single sign-on is on (its address, from the environment).
_SIGN_IN_ORIGIN = "/".join(os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "").split("/")[:3])
# The sign-out form is answered with a redirect to the provider's end-session endpoint.
_SIGN_OUT_ORIGIN = "/".join(os.environ.get("HEARD_OIDC_OP_LOGOUT_ENDPOINT", "").split("/")[:3])
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": [
            "'self'",
            *([_SIGN_IN_ORIGIN] if _SIGN_IN_ORIGIN.startswith(("https://", "http://")) else []),
            *(
                [_SIGN_OUT_ORIGIN]
                if _SIGN_OUT_ORIGIN.startswith(("https://", "http://"))
                and _SIGN_OUT_ORIGIN != _SIGN_IN_ORIGIN
                else []
            ),
        ],
    }
}

HEARD_FORCE_NAME = os.environ.get("HEARD_FORCE_NAME", "Heard")
# The public legal pages (website/legal.py: privacy notice, accessibility statement, cookies):
# who the data controller is and how residents reach it. The defaults are demonstration values;
# set the real ones in production.
HEARD_CONTROLLER_NAME = os.environ.get("HEARD_CONTROLLER_NAME", "Demonstration Police Force (Heard demo)")
HEARD_CONTROLLER_ADDRESS = os.environ.get(
    "HEARD_CONTROLLER_ADDRESS", "Force Headquarters, 1 Example Street, Manchester M16 0RE"
)
HEARD_DPO_EMAIL = os.environ.get("HEARD_DPO_EMAIL", "data.protection@example.org")
HEARD_ICO_REGISTRATION = os.environ.get("HEARD_ICO_REGISTRATION", "Z0000000")
# Where residents ask for another format or report an accessibility problem.
HEARD_CONTACT_EMAIL = os.environ.get("HEARD_CONTACT_EMAIL", "engagement@example.org")
HEARD_CONTACT_PHONE = os.environ.get("HEARD_CONTACT_PHONE", "101")
# The accessibility statement's dates (ISO, YYYY-MM-DD): prepared, and last tested and reviewed.
HEARD_ACCESSIBILITY_PREPARED = os.environ.get("HEARD_ACCESSIBILITY_PREPARED", "2026-12-06")
HEARD_ACCESSIBILITY_REVIEWED = os.environ.get("HEARD_ACCESSIBILITY_REVIEWED", "2026-12-06")

# Consultation integrity (consultations/integrity.py): no CAPTCHAs, but a minimum time between
# "Start now" and "Send", and per-client rate limits as (requests, seconds), counted in the
# shared cache (Redis in production, so every web process sees the same counts).
HEARD_MIN_FILL_SECONDS = float(os.environ.get("HEARD_MIN_FILL_SECONDS", "3"))
HEARD_RATE_LIMITS = {
    "respond": (300, 600),
    "submit": (30, 600),
    "withdraw": (10, 600),
    "evaluate": (30, 600),  # participant evaluation forms sent
    "evaluate_code": (30, 600),  # evaluation form codes tried
}
HEARD_RATE_LIMIT_CACHE = "default"
HEARD_TRUSTED_PROXY_COUNT = int(os.environ.get("HEARD_TRUSTED_PROXY_COUNT", "0"))
CSRF_FAILURE_VIEW = "consultations.public_views.csrf_failure"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "heard@localhost")
HEARD_PAGE_SIZE = 25
# How long each kind of record is kept before it is reviewed, and why: record type ->
# {"months": n, "reason": "..."}, over the defaults in governance/retention_settings.py
# (None: not reviewed). See README "Retention, erasure and subject access requests".
HEARD_RETENTION: dict[str, dict[str, object] | None] = {}
# API tokens (organisations/tokens.py) last at most this many days; their owner may choose fewer.
HEARD_API_TOKEN_DAYS = int(os.environ.get("HEARD_API_TOKEN_DAYS", "90"))
# Public pages for visitors without cookies come from the shared cache for at most this long
# (core/page_cache.py); every edit to what they show refreshes them at once. 0 turns it off.
HEARD_PUBLIC_PAGE_CACHE_SECONDS = int(os.environ.get("HEARD_PUBLIC_PAGE_CACHE_SECONDS", "60"))

# Analyses (insight/pipeline.py): an analysis whose worker has not stamped it for this long is
# marked failed (its worker died), instead of "running" for ever.
HEARD_ANALYSIS_STALE_SECONDS = int(os.environ.get("HEARD_ANALYSIS_STALE_SECONDS", "120"))
# Any background task (core/task_recovery.py): a task "running" whose worker has not shown a sign
# of life for this long is marked failed; `manage.py run_worker` looks for them this often.
HEARD_TASK_STALE_SECONDS = int(os.environ.get("HEARD_TASK_STALE_SECONDS", "60"))
HEARD_TASK_SWEEP_SECONDS = int(os.environ.get("HEARD_TASK_SWEEP_SECONDS", "30"))
# Exports (governance/export_jobs.py): one of more rows than this is made in the background and
# downloaded from "Your exports", where its file is kept for HEARD_EXPORT_KEEP_DAYS days.
HEARD_EXPORT_INLINE_ROWS = int(os.environ.get("HEARD_EXPORT_INLINE_ROWS", "2000"))
HEARD_EXPORT_KEEP_DAYS = int(os.environ.get("HEARD_EXPORT_KEEP_DAYS", "7"))

# Small numbers (consultations/suppression.py, reach): counts under this are hidden from everyone
# outside the organisation that owns them and in every export, so that nobody can be picked out.
HEARD_SUPPRESS_BELOW = int(os.environ.get("HEARD_SUPPRESS_BELOW", "10"))
# Weighted results (reach/weighting.py): no respondent counts for more than this many times the
# average, so that a few people cannot speak for a whole group.
HEARD_WEIGHT_CAP = float(os.environ.get("HEARD_WEIGHT_CAP", "5.0"))

# Community contacts (reach): consent is asked again after this many months.
HEARD_CONTACT_REVIEW_MONTHS = 12
# Consultation fatigue (reach/fatigue.py): warn when residents of an area were asked for their
# views more than LIMIT times in the last WEEKS weeks, across all partners.
HEARD_CONSULTATION_FATIGUE_WEEKS = 8
HEARD_CONSULTATION_FATIGUE_LIMIT = 3
# Coordination (reach/coordination_*.py): activities this many weeks apart count as at the same
# time; pairs scoring below MIN_SCORE are not shown; boundary points are rounded to DECIMALS
# places (about 10 cm) when finding neighbouring wards.
HEARD_COORDINATION_WINDOW_WEEKS = 4
HEARD_COORDINATION_MIN_SCORE = 0.45
HEARD_COORDINATION_NEIGHBOUR_DECIMALS = 6

# The feedback loop (outcomes): a not-started action turns amber this many days before it is due.
HEARD_ACTION_AMBER_DAYS = 14
# Links in e-mails (personal updates, unsubscribing) start with this address; one-click
# unsubscribe (RFC 8058) needs https in production. Empty: the address of the request.
HEARD_SITE_URL = os.environ.get("HEARD_SITE_URL", "")
# Participant evaluation forms (outcomes) stay open online this many days after the activity.
HEARD_EVALUATION_FORM_DAYS = 28

# Signing in (README "Signing in: single sign-on, two-factor and back-off").
# Single sign-on with the force's OpenID Connect provider (organisations/oidc.py).
HEARD_OIDC_ENABLED = os.environ.get("HEARD_OIDC_ENABLED", "").lower() in {"1", "true", "yes"}
HEARD_OIDC_PROVIDER_NAME = os.environ.get("HEARD_OIDC_PROVIDER_NAME", "")
HEARD_OIDC_ORGANISATION_CLAIM = os.environ.get("HEARD_OIDC_ORGANISATION_CLAIM", "heard_organisation")
HEARD_OIDC_ORGANISATION = os.environ.get("HEARD_OIDC_ORGANISATION", "")
HEARD_OIDC_ROLES_CLAIM = os.environ.get("HEARD_OIDC_ROLES_CLAIM", "heard_roles")
# "provider value=heard role" pairs, comma-separated; empty: the claim holds Heard's role names.
HEARD_OIDC_ROLE_MAP = {
    pair.split("=", 1)[0].strip(): pair.split("=", 1)[1].strip()
    for pair in os.environ.get("HEARD_OIDC_ROLE_MAP", "").split(",")
    if "=" in pair
}
OIDC_OP_ISSUER = os.environ.get("OIDC_OP_ISSUER", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "signin:oidc_callback"
# Signing out of Heard signs out of the provider too (organisations/oidc_logout.py), when it has
# an end-session endpoint (`end_session_endpoint` in its .well-known/openid-configuration).
HEARD_OIDC_OP_LOGOUT_ENDPOINT = os.environ.get("HEARD_OIDC_OP_LOGOUT_ENDPOINT", "")
OIDC_OP_LOGOUT_URL_METHOD = "organisations.oidc_logout.provider_logout_url"
OIDC_STORE_ID_TOKEN = True
# Two-factor sign-in (organisations/two_factor.py): required of staff who handle sensitive
# records (organisations.predicates.handles_sensitive_records) when on; production turns it on.
HEARD_REQUIRE_TWO_FACTOR = os.environ.get("HEARD_REQUIRE_TWO_FACTOR", "").lower() in {"1", "true", "yes"}
OTP_TOTP_ISSUER = HEARD_FORCE_NAME
# Password reset links (organisations/signin_views.py) work for this many seconds.
PASSWORD_RESET_TIMEOUT = 60 * 60
# Back-off (django-axes): after this many failed sign-ins, or wrong second-factor codes, an
# account and, separately, an address are locked out for the cool-off time.
AXES_FAILURE_LIMIT = int(os.environ.get("HEARD_SIGNIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = int(os.environ.get("HEARD_SIGNIN_COOLOFF_MINUTES", "15")) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "consultations.integrity.client_ip"  # honours HEARD_TRUSTED_PROXY_COUNT
AXES_LOCKOUT_CALLABLE = "organisations.signin_views.locked_out"  # the page, with status 429
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins need no table of their own
AXES_VERBOSE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
