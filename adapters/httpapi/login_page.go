package httpapi

import "net/http"

// loginCompletePage is the default landing page of a web login: it trades
// the one-time code in the URL fragment for tokens and shows who signed in.
// A real front end replaces it (OURSPACE_WEB_LOGIN_REDIRECT).
const loginCompletePage = `<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><title>OurSpace sign-in</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>body{font-family:sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem}#out{white-space:pre-wrap}</style></head>
<body><h1>OurSpace</h1><p id="status">Signing in…</p><pre id="out"></pre>
<details id="try" hidden><summary>Try the API in <a href="/docs/">/docs</a></summary>
<p>Press <b>Authorize</b> there and paste this access token (valid 15 minutes; sign in again for a new one):</p>
<textarea id="token" readonly rows="4" style="width:100%"></textarea></details>
<script>
(async () => {
  const status = document.getElementById("status"), out = document.getElementById("out");
  const code = new URLSearchParams(location.hash.slice(1)).get("code");
  history.replaceState(null, "", location.pathname);
  if (!code) { status.textContent = "No login code: start at /v1/auth/kakao/login."; return; }
  // The code works only with this browser's login cookie, which a same-origin fetch sends.
  const r = await fetch("/v1/auth/login-code", {method: "POST", credentials: "same-origin", headers: {"Content-Type": "application/json"}, body: JSON.stringify({code})});
  if (!r.ok) { status.textContent = "Sign-in failed (" + r.status + ")."; return; }
  const tokens = await r.json();
  sessionStorage.setItem("ourspace.tokens", JSON.stringify(tokens));
  const me = await (await fetch("/v1/me", {headers: {Authorization: "Bearer " + tokens.access_token}})).json();
  status.textContent = "Signed in as " + me.nickname + ": " + me.points_balance.toLocaleString("ko-KR") + " points.";
  out.textContent = JSON.stringify(me, null, 2);
  // To try the API by hand: Swagger UI's Authorize takes this bearer token.
  document.getElementById("token").value = tokens.access_token;
  document.getElementById("try").hidden = false;
})();
</script></body></html>`

func loginCompleteHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Referrer-Policy", "no-referrer")
		_, _ = w.Write([]byte(loginCompletePage))
	})
}
