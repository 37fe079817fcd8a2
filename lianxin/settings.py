"""Django settings for Lianxin. Every value can be set from the environment (docs/deploy.md)."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from lianxin.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

# "development" (the demo and tests) or "production" (secure cookies, HSTS, required secret).
LIANXIN_ENV = env_str("LIANXIN_ENV", "development")
if LIANXIN_ENV not in {"development", "production"}:
    raise ImproperlyConfigured("LIANXIN_ENV must be 'development' or 'production'")
PRODUCTION = LIANXIN_ENV == "production"

# Off unless asked for (DJANGO_DEBUG=1), in development too: `make run` shows the Chinese 404/500
# pages a user meets, not Django's technical page listing every URL. WhiteNoise serves static
# files either way (WHITENOISE_USE_FINDERS below).
DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production")
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production-0123456789abcdef"
ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_tables2",
    "django_filters",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "lianxin.core",
    "lianxin.orgs",
    "lianxin.accounts",
    "lianxin.audit",
    "lianxin.standards",
    "lianxin.planning",
    # 党群连心: liaison over the shared registers and guidance. This order puts liaison's entries
    # first in the side navigation's 党群连心 section.
    "lianxin.liaison",
    "lianxin.registers",
    "lianxin.guidance",
    "lianxin.assessment",
    "lianxin.rating",
    "lianxin.points",
    "lianxin.branchlife",
    "lianxin.civic",
    "lianxin.notices",
    "lianxin.rhythm",
    # The county's three lists (项目清单、培训清单、重点事项推进清单).
    "lianxin.keymatters",
    "lianxin.projects",
    "lianxin.training",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses pages where no proxy in front does (LIANXIN_GZIP=0 behind the deploy guide's nginx).
    *(["lianxin.core.middleware.TextGZipMiddleware"] if env_bool("LIANXIN_GZIP", True) else []),
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lianxin.core.sessions.SessionRenewalMiddleware",
    "lianxin.core.routers.ReplicaMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lianxin.accounts.mfa_middleware.DeviceMiddleware",  # django-otp's OTPMiddleware
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "lianxin.core.middleware.SecurityHeadersMiddleware",
    "lianxin.core.ratelimit.ExportRateLimitMiddleware",
    "lianxin.core.middleware.LoginRequiredMiddleware",
    "lianxin.accounts.mfa_middleware.SecondFactorMiddleware",
    "lianxin.accounts.middleware.PasswordAgeMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lianxin.urls"
WSGI_APPLICATION = "lianxin.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "lianxin" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lianxin.core.context_processors.shell",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at
        # BEGIN so two writers queue instead of failing half-way (the audit chain relies on it).
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # SQLite connections are cheap; persistent ones would hold the file open across threads.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif env_bool("DB_POOL", False):
    # Django 5.2's psycopg connection pool (psycopg-pool): connections shared by a worker's
    # threads, instead of one persistent connection each (docs/scaling.md). Needs CONN_MAX_AGE 0.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env_int("DB_POOL_MIN", 2),
        "max_size": env_int("DB_POOL_MAX", 10),
    }
# A read replica for dashboards and exports (lianxin/core/routers.py).
_replica_url = env_str("DATABASE_REPLICA_URL", "")
LIANXIN_READ_REPLICA = bool(_replica_url)
if _replica_url:
    DATABASES["replica"] = dj_database_url.parse(_replica_url, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"])
    DATABASES["replica"]["OPTIONS"] = DATABASES["default"].get("OPTIONS", {})
DATABASE_ROUTERS = ["lianxin.core.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache every worker and host shares (security.md item 15): the database by default (its
# table is made by `migrate`, lianxin/core/migrations), Redis when LIANXIN_CACHE_URL names one
# (`pip install redis`). Rate-limit counters live in the database or in that Redis
# (lianxin/core/ratelimit.py).
LIANXIN_CACHE_URL = env_str("LIANXIN_CACHE_URL", "")
if LIANXIN_CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": LIANXIN_CACHE_URL}}
elif LIANXIN_CACHE_URL:
    raise ImproperlyConfigured("LIANXIN_CACHE_URL must be a redis://, rediss:// or unix:// address")
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "lianxin_cache"}}
# Drawn pages reused while nothing they show changed (lianxin/core/views/reuse.py): each worker's
# memory, or the Redis above so that workers and hosts share them. Keys carry the version of the
# data, so a worker never serves a page older than the last audited change it can see.
LIANXIN_PAGE_CACHE_SECONDS = env_int("LIANXIN_PAGE_CACHE_SECONDS", 600)
# The reads of every request are PREPAREd once per PostgreSQL connection (core/hotpath.py); off
# behind a pooler that shares sessions between clients (pgbouncer in transaction mode).
LIANXIN_PREPARED_STATEMENTS = env_bool("LIANXIN_PREPARED_STATEMENTS", True)
CACHES["pages"] = (
    {**CACHES["default"], "KEY_PREFIX": "pages"}
    if "redis" in CACHES["default"]["BACKEND"].lower()
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 500}}
)

# --- Authentication ---------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "lianxin.accounts.backends.UsernameOrMobileBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "lianxin.accounts.validators.UserAttributeSimilarityValidator"},
    {"NAME": "lianxin.accounts.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "lianxin.accounts.validators.CommonPasswordValidator"},
    {"NAME": "lianxin.accounts.validators.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
]
# Account lifecycle (security.md item 23): API tokens die after LIANXIN_TOKEN_DAYS; accounts
# unused for LIANXIN_INACTIVE_DAYS are disabled by `disable_inactive`; a password older than
# LIANXIN_PASSWORD_MAX_DAYS must be changed before anything else (0 turns each off).
LIANXIN_TOKEN_DAYS = env_int("LIANXIN_TOKEN_DAYS", 90)
LIANXIN_INACTIVE_DAYS = env_int("LIANXIN_INACTIVE_DAYS", 90)
LIANXIN_PASSWORD_MAX_DAYS = env_int("LIANXIN_PASSWORD_MAX_DAYS", 0)
# Personal information (security.md item 22, PIPL art. 47): a household that moved away or was
# closed is anonymised by `anonymise_departed` this many days after it left (3 years by
# default); 0 turns the command off.
LIANXIN_RETENTION_DAYS = env_int("LIANXIN_RETENTION_DAYS", 1095)
if LIANXIN_RETENTION_DAYS < 0:
    raise ImproperlyConfigured("LIANXIN_RETENTION_DAYS must be 0 (off) or a number of days")
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout (security.md item 2): 5 failures lock the account and the source IP for 15 minutes.
AXES_FAILURE_LIMIT = env_int("LIANXIN_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LIANXIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "lianxin.accounts.backends.axes_username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_VERBOSE = False
# The second-factor code is a login secret too: never copied into axes' failure records.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]

# Second factor (security.md item 4): TOTP with recovery codes (django-otp). Users holding one of
# these roles must enrol; LIANXIN_MFA_ALL asks it of every user (MLPS level 3 reading).
LIANXIN_MFA_ROLES = env_list("LIANXIN_MFA_ROLES", ["sysadmin", "auditor", "office"])
LIANXIN_MFA_ALL = env_bool("LIANXIN_MFA_ALL", False)
OTP_TOTP_ISSUER = env_str("LIANXIN_MFA_ISSUER", "连心")

# Idle timeout (security.md item 3): 30 idle minutes end a session. Requests renew it, but the
# row is rewritten at most once a LIANXIN_SESSION_RENEW_SECONDS (lianxin/core/sessions.py).
SESSION_ENGINE = "lianxin.core.sessions"  # database sessions, read by hand-written SQL (core/hotpath.py)
SESSION_COOKIE_AGE = env_int("LIANXIN_SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = False
LIANXIN_SESSION_RENEW_SECONDS = env_int("LIANXIN_SESSION_RENEW_SECONDS", 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# --- Security headers -------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# --- Audit log (security.md item 11) -----------------------------------------------------
# The key that chains audit events and signs checkpoints. It stays out of the database, so
# write access to the tables is not enough to rewrite the chain; it is not SECRET_KEY, so
# either can be rotated alone (lianxin/audit/keys.py, docs/deploy.md).
LIANXIN_AUDIT_KEY = env_str("LIANXIN_AUDIT_KEY", "")
if not LIANXIN_AUDIT_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("LIANXIN_AUDIT_KEY must be set in production")
    LIANXIN_AUDIT_KEY = "dev-only-audit-key-never-use-in-production-fedcba9876543210"
if PRODUCTION and len(LIANXIN_AUDIT_KEY) < 32:
    raise ImproperlyConfigured("LIANXIN_AUDIT_KEY must be at least 32 characters")
if LIANXIN_AUDIT_KEY == SECRET_KEY:
    raise ImproperlyConfigured("LIANXIN_AUDIT_KEY must not be the same as DJANGO_SECRET_KEY")
# Keys replaced by a rotation, oldest first: they still verify what they signed, never sign.
LIANXIN_AUDIT_RETIRED_KEYS = env_list("LIANXIN_AUDIT_RETIRED_KEYS", [])
# Signed checkpoints (event count, last hash) are appended to this file, which should live
# where the database's users cannot write (lianxin/audit/checkpoints.py).
LIANXIN_AUDIT_CHECKPOINTS = env_str(
    "LIANXIN_AUDIT_CHECKPOINTS", "" if PRODUCTION else str(BASE_DIR / "var" / "audit-checkpoints.jsonl")
)
if not LIANXIN_AUDIT_CHECKPOINTS:
    raise ImproperlyConfigured("LIANXIN_AUDIT_CHECKPOINTS must be set in production")
LIANXIN_AUDIT_CHECKPOINTS = Path(LIANXIN_AUDIT_CHECKPOINTS)
LIANXIN_AUDIT_CHECKPOINT_EVERY = env_int("LIANXIN_AUDIT_CHECKPOINT_EVERY", 100)
if LIANXIN_AUDIT_CHECKPOINT_EVERY < 1:
    raise ImproperlyConfigured("LIANXIN_AUDIT_CHECKPOINT_EVERY must be at least 1")

# --- Internationalisation ---------------------------------------------------------------
# Source strings are Chinese (the users' language, always complete); locale/en holds English.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "lianxin" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ----------------------------------------------------------
STATIC_URL = "/static/"
# Development serves straight from the app folders (WhiteNoise finders); production from
# what `collectstatic` gathered here.
STATIC_ROOT = Path(env_str("LIANXIN_STATIC_ROOT", str(BASE_DIR / "staticfiles"))) if PRODUCTION else None
STATICFILES_DIRS = [BASE_DIR / "lianxin" / "static"]
MEDIA_ROOT = Path(env_str("LIANXIN_MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
LIANXIN_MAX_UPLOAD_BYTES = env_int("LIANXIN_MAX_UPLOAD_MB", 10) * 1024 * 1024
# Largest image accepted, in pixels (lianxin/core/attachments.py says why 50 megapixels).
LIANXIN_MAX_IMAGE_PIXELS = env_int("LIANXIN_MAX_IMAGE_PIXELS", 50_000_000)
# Excel/Word downloads per user: (count, seconds).
LIANXIN_EXPORT_RATE = (env_int("LIANXIN_EXPORTS_PER_MINUTE", 30), 60)
# List exports of more rows than this are built by the background worker, not in the request
# (lianxin/core/exports.py); their files are kept this many days (`prune_exports`).
LIANXIN_EXPORT_SYNC_ROWS = env_int("LIANXIN_EXPORT_SYNC_ROWS", 5000)
LIANXIN_EXPORT_KEEP_DAYS = env_int("LIANXIN_EXPORT_KEEP_DAYS", 7)
# Rows in one list export; past it the user narrows the filters (checked before building).
LIANXIN_EXPORT_MAX_ROWS = env_int("LIANXIN_EXPORT_MAX_ROWS", 100_000)
# Objections on the public results page, per client address: (count, seconds).
LIANXIN_OBJECTION_RATE = (env_int("LIANXIN_OBJECTIONS_PER_HOUR", 5), 3600)
LIANXIN_PUBLIC_POINTS_RATE = (env_int("LIANXIN_PUBLIC_POINTS_PER_MINUTE", 30), 60)
# Views of a model-person selection's public page, per client address: (count, seconds).
LIANXIN_PUBLIC_SELECTION_RATE = (env_int("LIANXIN_PUBLIC_SELECTION_PER_MINUTE", 30), 60)

# --- Background tasks -------------------------------------------------------------------
# django-tasks, the backport of Django 6's django.tasks: tasks wait in a database table and
# `manage.py db_worker` runs them (`make run` starts one; docs/deploy.md has its systemd unit).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- API --------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an anonymous API call then gets 401 with WWW-Authenticate, not 403.
        "lianxin.accounts.tokens.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["lianxin.core.api_permissions.RolePermission"],
    # JSON only: what the schema declares is what a client can send (a form cannot carry the
    # lists and objects the bodies hold). Uploads name their multipart parser themselves.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    # Typed query parameters, checked before use: malformed ones are 400 (lianxin/core/api_query.py).
    "DEFAULT_PAGINATION_CLASS": "lianxin.core.api_query.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["lianxin.core.api_query.ListFilterBackend"],
    # Documented errors and blank choices (lianxin/core/api_schema.py).
    "DEFAULT_SCHEMA_CLASS": "lianxin.core.api_schema.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "连心 Lianxin API",
    "DESCRIPTION": "五星支部创建与党群连心平台接口。所有数据按用户的数据范围过滤；范围外对象返回 404。",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "lianxin.core.api_schema.document_errors",
        "lianxin.core.api_schema.allow_empty_query_values",
    ],
    # Several models have a `status`; name each choice set so the schema stays stable.
    "ENUM_NAME_OVERRIDES": {
        "PlanStatusEnum": "lianxin.planning.choices.PlanStatus",
        "StandardStatusEnum": "lianxin.standards.choices.StandardStatus",
        "LiaisonCategoryEnum": "lianxin.liaison.choices.Category",
        "MatterStepKindEnum": "lianxin.liaison.choices.StepKind",
        "BranchCategoryEnum": "lianxin.guidance.choices.BranchCategory",
        "MatterLevelEnum": "lianxin.liaison.choices.Level",
        "OrgLevelEnum": "lianxin.orgs.choices.OrgLevel",
        "ApplicationKindEnum": "lianxin.rating.choices.ApplicationKind",
        "ApplicationStatusEnum": "lianxin.rating.choices.ApplicationStatus",
        "QuotaKindEnum": "lianxin.rating.choices.QuotaKind",
        "StepKindEnum": "lianxin.rating.choices.StepKind",
        "StarEnum": "lianxin.standards.choices.Star",
        "DisputeKindEnum": "lianxin.civic.choices.DisputeKind",
        "DisputeSessionKindEnum": "lianxin.civic.choices.SessionKind",
        "MeetingKindEnum": "lianxin.branchlife.choices.MeetingKind",
    },
}

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5-responsive.html"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LIANXIN_LOG_LEVEL", "WARNING")},
}

# Number of trusted reverse proxies in front of gunicorn (nginx: 1). Decides which address in
# X-Forwarded-For is the client's, for the audit log and the lockout.
LIANXIN_PROXY_COUNT = env_int("LIANXIN_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "lianxin.core.net.client_ip_for_axes"
