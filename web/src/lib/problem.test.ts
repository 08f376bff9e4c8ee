import { describe, expect, it } from "vitest";
import { fieldErrors, problemMessage } from "./problem";

describe("problem responses", () => {
  it("tells a taken time from the space's conflicts, in Korean", () => {
    const taken = { start: "2026-12-24T09:00:00Z", end: "2026-12-24T14:00:00Z" };
    expect(
      problemMessage({ status: 409, type: "urn:ourspace:problem:booking_conflict", detail: "this time is taken: …", errors: [{ value: taken }] }),
    ).toBe("이미 예약된 시간입니다 (18:00~23:00). 다른 시간을 골라 주세요.");
    expect(problemMessage({ status: 409, type: "urn:ourspace:problem:last_photo", detail: "a space keeps at least one photo" })).toMatch(/^사진은 한 장 이상/);
    expect(problemMessage({ status: 409, type: "urn:ourspace:problem:space_has_bookings", detail: "the space has upcoming bookings" })).toMatch(
      /진행 중인 예약이 있어 운영을 종료할 수 없습니다/,
    );
    // An unknown conflict is no "taken time", and no English.
    expect(problemMessage({ status: 409, type: "urn:ourspace:problem:something_new", detail: "in English" })).not.toMatch(/예약된 시간|English/);
  });

  it("keys field errors by the form field they name", () => {
    const errs = fieldErrors({
      status: 422,
      errors: [
        { location: "body.people", message: "more than the space takes" },
        { location: "body.contact.phone", message: "required" },
        { location: "body.listing.packages[1].price", message: "must be positive" },
        { location: "body", message: "this time is taken" },
      ],
    });
    expect(errs).toEqual({
      people: "more than the space takes",
      "contact.phone": "required",
      "listing.packages[1].price": "must be positive",
      _: "this time is taken",
    });
  });

  it("says what a status means in Korean", () => {
    expect(problemMessage({ status: 402, type: "about:blank" })).toBe("포인트가 부족합니다.");
    expect(problemMessage({ status: 429 })).toMatch(/잠시 후/);
    // A server failure or an unavailable database: Korean, never the server's English.
    for (const status of [500, 502, 503, 504]) {
      expect(problemMessage({ status, title: "Service Unavailable", detail: "service unavailable" })).toBe(
        "서버에 일시적인 문제가 있습니다. 잠시 후 다시 시도하세요.",
      );
    }
    expect(problemMessage({ status: 422, errors: [{ location: "query.q", message: "at most 3 words" }] })).toBe(
      "입력값을 확인하세요: query.q at most 3 words",
    );
  });
});
