export declare const FLOORS: Record<
  "platform" | "session" | "activity" | "sign-in" | "programs" | "operations" | "dal",
  string[]
>;
export declare const SHARED_WITH_APP: string[];
