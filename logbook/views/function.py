from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from logbook import services
from logbook.forms import FunctionCheckForm
from logbook.models import FunctionActivity
from logbook.today import FUNCTION_SKIPPED_ON


@login_required
def function_check(request):
    """Rate the activities the person's back makes hard (PSFS): named the first time, then
    rated every two weeks."""
    activities = FunctionActivity.objects.filter(user=request.user)
    form = FunctionCheckForm(
        request.POST if request.method == "POST" else None, activities=activities
    )
    if form.is_valid():
        try:
            check = services.function_check_save(
                user=request.user,
                date=request.user.today(),
                scores=form.scores(),
                new_activities=form.new_activities(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            check = type(check).objects.prefetch_related("scores").get(pk=check.pk)
            messages.success(
                request,
                _("Saved: your function score today is %(mean)s out of 10.")
                % {"mean": number_format(check.mean, decimal_pos=1)},
            )
            return redirect("logbook:progress")
    return render(request, "logbook/function_form.html", {"form": form})


@login_required
@require_POST
def function_skip(request):
    """Not now: the home page stops asking until tomorrow."""
    request.session[FUNCTION_SKIPPED_ON] = request.user.today().isoformat()
    return redirect("home")
