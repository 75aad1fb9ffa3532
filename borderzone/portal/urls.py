from django.urls import path

from borderzone.portal import feeds
from borderzone.portal.views import public, staff

app_name = "portal"
urlpatterns = [
    path("news/", public.article_list, name="news"),
    path("news/category/<slug:category_slug>/", public.article_list, name="category"),
    path("news/rss/", feeds.LatestNewsFeed(), name="feed-rss"),
    path("news/atom/", feeds.LatestNewsAtomFeed(), name="feed-atom"),
    path("news/comments/flag/", public.comment_flag, name="comment-flag"),
    path("news/images/<int:pk>/<str:variant>/", public.article_image, name="image"),
    path("news/<slug:slug>/", public.article_detail, name="article"),
    path("news/<slug:slug>/rate/", public.article_rate, name="rate"),
    path("news/<slug:slug>/comment/", public.article_comment, name="comment"),
    path("staff/portal/", staff.article_index, name="staff-articles"),
    path("staff/portal/articles/new/", staff.article_create, name="staff-article-create"),
    path("staff/portal/articles/<int:pk>/", staff.article_manage, name="staff-article"),
    path("staff/portal/articles/<int:pk>/edit/", staff.article_edit, name="staff-article-edit"),
    path("staff/portal/articles/<int:pk>/submit/", staff.article_submit, name="staff-article-submit"),
    path("staff/portal/articles/<int:pk>/approve/", staff.article_approve, name="staff-article-approve"),
    path("staff/portal/articles/<int:pk>/return/", staff.article_return, name="staff-article-return"),
    path("staff/portal/articles/<int:pk>/schedule/", staff.article_schedule, name="staff-article-schedule"),
    path("staff/portal/articles/<int:pk>/images/", staff.image_upload, name="staff-image-upload"),
    path("staff/portal/images/<int:pk>/delete/", staff.image_delete, name="staff-image-delete"),
    path("staff/portal/comments/", staff.comment_queue, name="staff-comments"),
    path("staff/portal/comments/<int:pk>/moderate/", staff.comment_moderate, name="staff-comment-moderate"),
    path("staff/portal/categories/", staff.category_index, name="staff-categories"),
    path("staff/portal/categories/<int:pk>/", staff.category_edit, name="staff-category-edit"),
    path("staff/portal/visitors/", staff.visitor_report, name="staff-visitors"),
    path("staff/portal/visitors/export.<str:fmt>", staff.visitor_export, name="staff-visitors-export"),
]
