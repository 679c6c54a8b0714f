from django.contrib.auth import get_user_model, login
from django.http import HttpResponseRedirect
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def login_page(request):
    """The provider's own login, as simple as a test needs: the username is enough."""
    user = get_user_model().objects.get(username=request.POST["username"])
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return HttpResponseRedirect(request.GET.get("next", "/"))


urlpatterns = [
    path("login/", login_page),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
]
