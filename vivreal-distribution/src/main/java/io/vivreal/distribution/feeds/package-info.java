/**
 * Public feeds of a content type: the owner's settings (which fields are the title, summary,
 * content and date) under an unguessable feed id in the control plane, RSS 2.0 and Atom 1.0
 * (Rome), JSON Feed 1.1 and iCalendar (ical4j) renderings of the published items behind a bounded
 * cache, and the WebSub publish pings made from the content events outbox. The feed id is the
 * verified context of a public request: it resolves to one group and one content type, and the
 * items are read through that group's tenant scope only.
 */
package io.vivreal.distribution.feeds;
