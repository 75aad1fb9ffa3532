from django.urls import path

from borderzone.portal import feeds, staff_views, views

app_name = "portal"
urlpatterns = [
    path("news/", views.article_list, name="news"),
    path("news/category/<slug:category_slug>/", views.article_list, name="category"),
    path("news/rss/", feeds.LatestNewsFeed(), name="feed-rss"),
    path("news/atom/", feeds.LatestNewsAtomFeed(), name="feed-atom"),
    path("news/comments/flag/", views.comment_flag, name="comment-flag"),
    path("news/images/<int:pk>/<str:variant>/", views.article_image, name="image"),
    path("news/<slug:slug>/", views.article_detail, name="article"),
    path("news/<slug:slug>/rate/", views.article_rate, name="rate"),
    path("news/<slug:slug>/comment/", views.article_comment, name="comment"),
    path("staff/portal/", staff_views.article_index, name="staff-articles"),
    path("staff/portal/articles/new/", staff_views.article_create, name="staff-article-create"),
    path("staff/portal/articles/<int:pk>/", staff_views.article_manage, name="staff-article"),
    path("staff/portal/articles/<int:pk>/edit/", staff_views.article_edit, name="staff-article-edit"),
    path("staff/portal/articles/<int:pk>/submit/", staff_views.article_submit, name="staff-article-submit"),
    path("staff/portal/articles/<int:pk>/approve/", staff_views.article_approve, name="staff-article-approve"),
    path("staff/portal/articles/<int:pk>/return/", staff_views.article_return, name="staff-article-return"),
    path("staff/portal/articles/<int:pk>/schedule/", staff_views.article_schedule, name="staff-article-schedule"),
    path("staff/portal/articles/<int:pk>/images/", staff_views.image_upload, name="staff-image-upload"),
    path("staff/portal/images/<int:pk>/delete/", staff_views.image_delete, name="staff-image-delete"),
    path("staff/portal/comments/", staff_views.comment_queue, name="staff-comments"),
    path("staff/portal/comments/<int:pk>/moderate/", staff_views.comment_moderate, name="staff-comment-moderate"),
    path("staff/portal/categories/", staff_views.category_index, name="staff-categories"),
    path("staff/portal/categories/<int:pk>/", staff_views.category_edit, name="staff-category-edit"),
    path("staff/portal/visitors/", staff_views.visitor_report, name="staff-visitors"),
    path("staff/portal/visitors/export.<str:fmt>", staff_views.visitor_export, name="staff-visitors-export"),
]
