"""Staff actions on one record: a confirmation page, then the action, an audit log entry and a message."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from wagtail.log_actions import log

from .responses import forbidden

CONFIRM_TEMPLATE = "core/confirm_action.html"


def confirmed_action(
    request,
    record,
    *,
    permission,
    title,
    question,
    submit_label,
    back_url,
    perform,
    dangerous=False,
    form_class=None,
    log_data=None,
):
    """Ask on GET; on POST run `perform(record)`, which returns (log action or None, message, succeeded).

    With a `form_class` the page asks for its fields too; a valid POST runs `perform(record, form.cleaned_data)`, an
    invalid one shows the form again with its messages and changes nothing. `log_data(cleaned_data)` adds details to
    the audit log entry (such as a refunded amount).
    """
    if not request.user.has_perm(permission):
        return forbidden(request)
    form = None
    if form_class is not None:
        form = form_class(request.POST if request.method == "POST" else None, record=record)
    if request.method != "POST" or (form is not None and not form.is_valid()):
        context = {
            "page_title": title,
            "header_title": title,
            "question": question,
            "submit_label": submit_label,
            "back_url": back_url,
            "dangerous": dangerous,
            "form": form,
        }
        status = 400 if request.method == "POST" else 200
        return TemplateResponse(request, CONFIRM_TEMPLATE, context, status=status)
    if form is None:
        log_action, message, succeeded = perform(record)
    else:
        log_action, message, succeeded = perform(record, form.cleaned_data)
    if log_action:
        data = log_data(form.cleaned_data) if (log_data and form is not None) else None
        log(record, log_action, user=request.user, data=data)
    (messages.success if succeeded else messages.error)(request, message)
    return redirect(back_url)
