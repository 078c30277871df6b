"""Public URLs of seutu_pages outside the page tree."""

urlpatterns = []
