import { requirementsForRoute } from "@/proof/compliance/registry";
import { RequirementBadges } from "./requirement-badges";

// The demo's link to the compliance proof. A clone that keeps only the template deletes app/demo/ together
// with proof/ and app/compliance/ (see docs/the-proof.md, "Keeping only the template").
const ROUTES = [
  "/",
  "/login",
  "/signup",
  "/account",
  "/account/sessions",
  "/account/apps",
  "/account/password",
  "/account/email",
  "/account/delete",
  "/admin",
];

export function PageRequirementBadges() {
  const badgesByRoute = Object.fromEntries(ROUTES.map((route) => [route, requirementsForRoute(route)]));
  return <RequirementBadges badgesByRoute={badgesByRoute} />;
}
