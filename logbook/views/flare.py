from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from logbook.forms import FlarePlanForm
from logbook.models import FLARE_ROUTINE_KEY, FlarePlan, Routine


@login_required
def flare(request):
    """A bad day: reassurance, the gentle routine, pacing, when to get help, and the person's
    own flare-up plan, which they can change here at any time."""
    plan = FlarePlan.objects.filter(user=request.user).first() or FlarePlan(user=request.user)
    form = FlarePlanForm(request.POST if request.method == "POST" else None, instance=plan)
    if request.method == "POST" and form.is_valid():
        # Two first saves at once (a double submit) update one row rather than collide.
        FlarePlan.objects.update_or_create(user=request.user, defaults=form.cleaned_data)
        messages.success(request, _("Your flare-up plan is saved."))
        return redirect("logbook:flare")
    return render(
        request,
        "logbook/flare.html",
        {
            "plan": plan,
            "form": form,
            "routine": Routine.objects.filter(key=FLARE_ROUTINE_KEY).first(),
        },
    )
