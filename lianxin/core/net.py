from django.conf import settings


def client_ip(request) -> str:
    """The caller's address. Behind `LIANXIN_PROXY_COUNT` trusted proxies (nginx), the address
    those proxies appended to X-Forwarded-For; otherwise the socket's peer address."""
    proxies = getattr(settings, "LIANXIN_PROXY_COUNT", 0)
    if proxies:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or ""


def client_ip_for_axes(request) -> str:
    return client_ip(request)
