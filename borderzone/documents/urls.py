from django.urls import path

from borderzone.documents import views

app_name = "documents"
urlpatterns = [
    path("documents/", views.document_list, name="list"),
    path("documents/<int:pk>/", views.document_detail, name="detail"),
    path("documents/<int:pk>/files/<int:file_id>/", views.document_file_download, name="file"),
    path("documents/<int:pk>/files/<int:file_id>/view/", views.document_file_inline, name="file-inline"),
    path("procedures/", views.procedure_list, name="procedures"),
    path("procedures/<int:pk>/", views.procedure_detail, name="procedure"),
    path("procedures/<int:pk>/forms/<int:component_id>/", views.procedure_form_download, name="procedure-form"),
    path("staff/documents/", views.staff_document_list, name="staff-documents"),
    path("staff/documents/new/", views.staff_document_create, name="staff-document-create"),
    path("staff/documents/<int:pk>/", views.staff_document, name="staff-document"),
    path("staff/documents/<int:pk>/edit/", views.staff_document_edit, name="staff-document-edit"),
    path("staff/documents/<int:pk>/publish/", views.staff_document_publish, name="staff-document-publish"),
    path(
        "staff/documents/<int:pk>/files/<int:file_id>/remove/",
        views.staff_document_file_remove,
        name="staff-document-file-remove",
    ),
    path("staff/procedures/", views.staff_procedure_list, name="staff-procedures"),
    path("staff/procedures/new/", views.staff_procedure_create, name="staff-procedure-create"),
    path("staff/procedures/<int:pk>/", views.staff_procedure, name="staff-procedure"),
    path("staff/procedures/<int:pk>/edit/", views.staff_procedure_edit, name="staff-procedure-edit"),
    path(
        "staff/procedures/<int:pk>/components/<int:component_id>/edit/",
        views.staff_component_edit,
        name="staff-component-edit",
    ),
    path(
        "staff/procedures/<int:pk>/components/<int:component_id>/remove/",
        views.staff_component_remove,
        name="staff-component-remove",
    ),
]
