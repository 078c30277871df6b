"""Public URLs of seutu_search."""

urlpatterns = []
