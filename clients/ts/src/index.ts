/**
 * Typed client for the OurSpace API.
 *
 * The request and response types come from `schema.d.ts`, generated from
 * openapi/openapi.yaml (`make generate`); this file only wires openapi-fetch
 * to them and names the schema types callers use most.
 *
 * @example
 * const api = createOurSpaceClient({ baseUrl: "http://localhost:8080" });
 * const { data, error } = await api.GET("/v1/spaces", {
 *   params: { query: { district: [1, 2], sort: "price_asc" } },
 * });
 */
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { components, operations, paths } from "./schema.js";

export type { components, operations, paths } from "./schema.js";

type Schemas = components["schemas"];

/** A district (구) of Seoul, with its map centre and an absolute icon URL. */
export type District = Schemas["District"];
/** A kind of space (party room, practice room, …). */
export type Category = Schemas["Category"];
/** An amenity a space may offer. */
export type Facility = Schemas["Facility"];
/** An id and display name of a related record. */
export type Ref = Schemas["Ref"];
/** The head-count range a space takes. */
export type Capacity = Schemas["Capacity"];
/** A space's review summary. */
export type Rating = Schemas["Rating"];
/** One search result of `GET /v1/spaces`. */
export type SpaceSummary = Schemas["SpaceSummary"];
/** One page of search results; pass `next_cursor` as `cursor` for the next. */
export type SpaceList = Schemas["SpaceList"];
/** Everything about one space (`GET /v1/spaces/{id}`). */
export type SpaceDetail = Schemas["SpaceDetail"];
/** A named time window sold whole. */
export type Package = Schemas["PackageOut"];
/** Hourly pricing of a space. */
export type HourlyPricing = Schemas["HourlyOut"];
/** A weekday's opening hours. */
export type OpeningHours = Schemas["OpeningHoursOut"];
/** The refund schedule on guest cancellation. */
export type RefundPolicy = Schemas["RefundPolicyOut"];
/** What of a space can be booked on a date (`GET /v1/spaces/{id}/availability`). */
export type Availability = Schemas["Availability"];
/** A package on a date, bookable or not. */
export type PackageSlot = Schemas["PackageSlotOut"];
/** The opening hours of a date, each free or taken. */
export type HourlyDay = Schemas["HourlyDayOut"];
/** One opening hour on a date. */
export type HourSlot = Schemas["HourSlotOut"];
/**
 * A space's days over up to 92 days (`GET /v1/spaces/{id}/calendar`), by
 * default the whole booking horizon from today.
 */
export type SpaceCalendar = Schemas["SpaceCalendar"];
/** One date of a space's calendar: bookable or not (and why), packages and free hours left. */
export type CalendarDay = Schemas["CalendarDay"];
/** Tokens of a sign-in or refresh; send `access_token` as the bearer token. */
export type TokenPair = Schemas["TokenPair"];
/** The signed-in user with their points balance (`GET /v1/me`). */
export type Me = Schemas["Me"];
/** One grant, payment or refund of the points ledger. */
export type PointsEntry = Schemas["PointsEntry"];
/** A page of the points ledger, newest first. */
export type PointsList = Schemas["PointsList"];
/**
 * A booking request (`POST /v1/bookings`): a package, or `start_hour` and
 * `hours`, on a Seoul date. The server computes the price.
 */
export type NewBooking = Schemas["NewBooking"];
/** Who the host can reach about a booking. */
export type BookingContact = Schemas["ContactIn"];
/**
 * A booking as its guest and its space's host see it. `status` is
 * `payment_due` (pay before `deadline`), `requested` (the host answers before
 * `deadline`), `confirmed`, `completed` or one of the exits.
 */
export type Booking = Schemas["Booking"];
/** The card of a booked space, on booking reads. */
export type BookingSpace = Schemas["BookingSpace"];
/**
 * A page of bookings (`GET /v1/me/bookings`, `GET /v1/me/hosting/bookings`);
 * pass `next_cursor` as `cursor` for the next.
 */
export type BookingList = Schemas["BookingList"];
/** What cancelling a booking now would refund (`GET /v1/bookings/{id}/refund-quote`). */
export type RefundQuote = Schemas["RefundQuote"];
/** A cancelled booking and the refund credited (`POST /v1/bookings/{id}/cancel`). */
export type Cancellation = Schemas["Cancellation"];
/** A photo of a space in its two sizes: `url` (detail) and `thumbnail_url` (cards). */
export type Photo = Schemas["Photo"];
/**
 * A complete listing, the `listing` part of `POST /v1/spaces` (send it with
 * photos through {@link multipartBody}).
 */
export type SpaceInput = Schemas["SpaceInput"];
/** A partial edit of a listing (`PATCH /v1/spaces/{id}`); `hourly: null` stops hourly sales. */
export type SpacePatch = Schemas["SpacePatch"];
/** A package as a host writes it; an end at or before the start is on the next day. */
export type PackageInput = Schemas["PackageIn"];
/** One of the caller's own spaces, in any status (`GET /v1/me/spaces`). */
export type HostSpaceSummary = Schemas["HostSpaceSummary"];
/** A page of the caller's own spaces. */
export type HostSpaceList = Schemas["HostSpaceList"];
/** Whether the caller likes a space, and its like count (`PUT`/`DELETE /v1/spaces/{id}/like`). */
export type SpaceLike = Schemas["SpaceLike"];
/** A space the caller likes, in whatever status it is now (`GET /v1/me/likes`): show all but `active` greyed out. */
export type LikedSpaceSummary = Schemas["LikedSpaceSummary"];
/** A page of the caller's likes, the latest first; pass `next_cursor` as `cursor` for the next. */
export type LikedSpaceList = Schemas["LikedSpaceList"];
/**
 * A guest's review of a space (`GET /v1/reviews/{id}`, a space's
 * `latest_reviews`). `body` and the reply's `body` are plain text as written:
 * escape them when showing them.
 */
export type Review = Schemas["Review"];
/** A review's photo in its two sizes: `url` (detail) and `thumbnail_url`. */
export type ReviewPhoto = Schemas["ReviewPhoto"];
/** The space's host's answer to a review. */
export type ReviewReply = Schemas["ReviewReply"];
/** A page of a space's reviews (`GET /v1/spaces/{id}/reviews`); pass `next_cursor` as `cursor` for the next. */
export type ReviewList = Schemas["ReviewList"];
/** A change of one's own review's rating or text (`PATCH /v1/reviews/{id}`). */
export type ReviewPatch = Schemas["ReviewPatch"];
/** A host's reply to a review (`POST`/`PATCH /v1/reviews/{id}/reply`). */
export type ReplyInput = Schemas["ReplyInput"];
/**
 * The form of `POST /v1/bookings/{id}/review`: `rating`, `body` and 0–5
 * `photos` (send it through {@link multipartBody}).
 */
export type NewReview = NonNullable<operations["create-review"]["requestBody"]>["content"]["multipart/form-data"];
/** An RFC 9457 problem, the body of every error response. */
export type Problem = Schemas["ErrorModel"];
/** One field-level error inside a {@link Problem}. */
export type ProblemDetail = Schemas["ErrorDetail"];
/** The search filters, sort and paging of `GET /v1/spaces`. */
export type SpaceSearchQuery = NonNullable<operations["list-spaces"]["parameters"]["query"]>;

/** The client: `GET`, `POST`, … on the API's paths, plus `use` for middleware. */
export type OurSpaceClient = Client<paths>;

/** A bearer token, or a function asked for one before every request. */
export type AccessToken = string | (() => string | undefined | Promise<string | undefined>);

/** Options of {@link createOurSpaceClient}. */
export interface OurSpaceClientOptions {
  /** Where the API is served, e.g. `https://api.ourspace.kr`; no trailing `/v1`. */
  baseUrl: string;
  /** A fetch to use instead of `globalThis.fetch` (tests, retries, tracing). */
  fetch?: (request: Request) => Promise<Response>;
  /**
   * Sent as `Authorization: Bearer <token>`. A function is called per request,
   * so a refreshed token is picked up; returning undefined sends no header.
   */
  accessToken?: AccessToken;
}

/** Creates a client for the OurSpace API at `baseUrl`. */
export function createOurSpaceClient(options: OurSpaceClientOptions): OurSpaceClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  if (options.accessToken !== undefined) {
    client.use(bearerAuth(options.accessToken));
  }
  return client;
}

/** Adds the bearer token unless the caller set an Authorization header on the request. */
function bearerAuth(accessToken: AccessToken): Middleware {
  return {
    async onRequest({ request }) {
      if (request.headers.has("Authorization")) {
        return undefined;
      }
      const token = typeof accessToken === "function" ? await accessToken() : accessToken;
      if (token) {
        request.headers.set("Authorization", `Bearer ${token}`);
      }
      return request;
    },
  };
}

/**
 * Serializes a multipart body (`POST /v1/spaces`, `POST /v1/spaces/{id}/photos`)
 * into FormData: Blobs (and each Blob of an array) become file parts, objects
 * JSON text fields (the server also takes them as `application/json` file
 * parts, as `curl -F 'listing=@space.json'` sends), anything else a text field. Pass it as
 * `bodySerializer`; fetch sets the multipart boundary itself.
 *
 * @example
 * await api.POST("/v1/spaces", {
 *   body: { listing, photos: [file1, file2] },
 *   bodySerializer: multipartBody,
 * });
 */
export function multipartBody(body: object | undefined): FormData {
  const form = new FormData();
  const add = (name: string, value: unknown): void => {
    if (value instanceof Blob) {
      form.append(name, value, value instanceof File ? value.name : name);
    } else if (typeof value === "object" && value !== null) {
      form.append(name, JSON.stringify(value));
    } else if (value !== undefined) {
      form.append(name, String(value));
    }
  };
  for (const [name, value] of Object.entries(body ?? {})) {
    if (Array.isArray(value) && value.every((v) => v instanceof Blob)) {
      value.forEach((v) => add(name, v));
    } else {
      add(name, value);
    }
  }
  return form;
}
