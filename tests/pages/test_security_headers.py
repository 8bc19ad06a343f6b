"""Public pages carry the security headers a donation site needs."""


def test_public_pages_send_a_strict_content_security_policy(client, demo_site):
    response = client.get("/campagnes/besturenprogramma/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "https://checkout.stripe.com" in policy.split("form-action", 1)[1]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_wagtail_admin_is_left_out_of_the_policy(client, demo_site, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
