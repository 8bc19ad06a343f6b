"""Staff actions on one record: a confirmation page, then the action, an audit log entry and a message."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from wagtail.log_actions import log

from .responses import forbidden

CONFIRM_TEMPLATE = "core/confirm_action.html"


def confirmed_action(request, record, *, permission, title, question, submit_label, back_url, perform, dangerous=False):
    """Ask on GET; on POST run `perform(record)`, which returns (log action or None, message, succeeded)."""
    if not request.user.has_perm(permission):
        return forbidden(request)
    if request.method != "POST":
        context = {
            "page_title": title,
            "header_title": title,
            "question": question,
            "submit_label": submit_label,
            "back_url": back_url,
            "dangerous": dangerous,
        }
        return TemplateResponse(request, CONFIRM_TEMPLATE, context)
    log_action, message, succeeded = perform(record)
    if log_action:
        log(record, log_action, user=request.user)
    (messages.success if succeeded else messages.error)(request, message)
    return redirect(back_url)
