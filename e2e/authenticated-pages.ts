/** Every page that needs a signed-in user (the admin page also needs the admin role). */
export const AUTHENTICATED_PAGES = ["/account", "/account/sessions", "/account/password", "/account/email", "/account/delete"];
export const PUBLIC_PAGES = ["/", "/login", "/signup", "/compliance"];
