// The portal's sign-in bar: signs in with POST /v2/auth/login and hands the access token to
// Swagger UI, whose "Try it out" calls then carry it (request interceptor and the bearer scheme).
(() => {
  const tokenKey = 'partnerplatform.access_token';
  const userKey = 'partnerplatform.user_name';
  const root = new URL('../', window.location.href);

  const token = () => window.sessionStorage.getItem(tokenKey);

  const authorizeSwaggerUi = () => {
    const current = token();
    if (current && window.ui && window.ui.preauthorizeApiKey) {
      window.ui.preauthorizeApiKey('bearer', current);
    }
  };

  window.partnerPlatform = {
    authorize(request) {
      const current = token();
      const headers = request.headers || {};
      const isDocument = request.url.includes('/openapi/');
      if (current && !isDocument && !headers.Authorization && !headers.authorization) {
        headers.Authorization = 'Bearer ' + current;
        request.headers = headers;
      }
      return request;
    },
  };

  const bar = document.createElement('form');
  bar.id = 'partner-platform-sign-in';
  bar.innerHTML = `
    <nav>
      <a href="${new URL('docs/getting-started', root)}">Getting started</a>
      <a href="${new URL('v2/reference/error-codes', root)}">Error codes</a>
      <a href="${new URL('openapi/events/asyncapi.json', root)}">Events (AsyncAPI 3)</a>
    </nav>
    <span class="who" aria-live="polite"></span>
    <input name="username" autocomplete="username" placeholder="user name" required>
    <input name="password" type="password" autocomplete="current-password" placeholder="password" required>
    <button type="submit" name="sign-in">Sign in</button>
    <button type="button" name="sign-out">Sign out</button>`;
  const who = bar.querySelector('.who');

  const show = () => {
    const signedIn = Boolean(token());
    who.textContent = signedIn ? 'Signed in as ' + window.sessionStorage.getItem(userKey) : 'Not signed in';
    bar.classList.toggle('signed-in', signedIn);
  };

  bar.addEventListener('submit', async (event) => {
    event.preventDefault();
    const username = bar.elements.username.value.trim();
    const response = await fetch(new URL('v2/auth/login', root), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ username, password: bar.elements.password.value }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok || !body.access_token) {
      who.textContent = `Sign-in failed: ${body.error_code || response.status} ${body.error_msg || ''}`.trim();
      return;
    }
    window.sessionStorage.setItem(tokenKey, body.access_token);
    window.sessionStorage.setItem(userKey, username);
    bar.elements.password.value = '';
    authorizeSwaggerUi();
    show();
  });

  bar.elements['sign-out'].addEventListener('click', () => {
    window.sessionStorage.removeItem(tokenKey);
    window.sessionStorage.removeItem(userKey);
    if (window.ui && window.ui.authActions) {
      window.ui.authActions.logout(['bearer']);
    }
    show();
  });

  const place = () => {
    if (!document.body) {
      window.requestAnimationFrame(place);
      return;
    }
    document.body.prepend(bar);
    show();
  };
  place();

  // Swagger UI forgets the scheme's value when another service's document is chosen: set it again.
  window.setInterval(() => {
    if (!token() || !window.ui || !window.ui.authSelectors) {
      return;
    }
    const authorized = window.ui.authSelectors.authorized();
    if (!authorized || !authorized.get || !authorized.get('bearer')) {
      authorizeSwaggerUi();
    }
  }, 500);
})();
