from django.core.exceptions import PermissionDenied
from django.views.defaults import permission_denied


def forbidden(request):
    """A 403 page. Wagtail turns a raised PermissionDenied into a redirect to the dashboard, which hides
    from staff (and from tests) that donor data is off limits to them."""
    return permission_denied(request, PermissionDenied())
