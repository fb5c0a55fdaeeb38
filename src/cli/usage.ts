// Usage text and the error type that means "exit 2" (bad command line or input).
export const USAGE = `usage: seatmate <command> [options]

  validate [PATH…]            validate content packs, calendars, directory, policy files
                              (default: everything under resources/)
  greet --tier vip|brand|ordinary [--at ISO8601] [--tz IANA] [--pack ID] [--lang zh-CN|en]
        [--agent-id ID] [--agent-name NAME] [--surname S --title 先生|女士] [--json]
                              print the greeting the overlay would show
  scenarios [--pack ID] [--lang zh-CN|en] [--json]
                              list scenario ids, titles and seed sources
  script ID --tier T [--pack ID] [--lang zh-CN|en] [--surname S --title T] [--json]
                              print a scenario's steps with the tier's phrases
  web [--port N] [--config FILE]
                              serve the app in a browser on 127.0.0.1

Content is read from resources/ (or SEATMATE_RESOURCES).
Exit: 0 ok, 1 invalid content / unknown scenario, 2 usage or bad input.`;

export class UsageError extends Error {}
