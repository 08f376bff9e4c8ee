import { describe, expect, it } from "vitest";
import { fieldErrors, problemMessage } from "./problem";

describe("problem responses", () => {
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
    expect(problemMessage({ status: 422, errors: [{ location: "query.q", message: "at most 3 words" }] })).toBe(
      "입력값을 확인하세요: query.q at most 3 words",
    );
  });
});
