import { describe, expect, it } from "vitest";
import { countFilters, parseSearch, searchToParams } from "./searchParams";

describe("search filters in the URL", () => {
  it("round-trips every filter of GET /v1/spaces", () => {
    const q = {
      district: [3, 1],
      category: [2],
      facility: [5, 7],
      people: 4,
      date: "2026-12-24",
      start: "18:00",
      end: "23:00",
      min_price: 10000,
      max_price: 200000,
      q: "홍대 파티룸",
      bbox: "37.5,126.9,37.6,127.0",
      sort: "price_asc" as const,
    };
    const params = searchToParams(q);
    expect(params.toString()).toBe(
      "district=1%2C3&category=2&facility=5%2C7&people=4&min_price=10000&max_price=200000&date=2026-12-24&start=18%3A00&end=23%3A00&q=%ED%99%8D%EB%8C%80+%ED%8C%8C%ED%8B%B0%EB%A3%B8&bbox=37.5%2C126.9%2C37.6%2C127.0&sort=price_asc",
    );
    expect(parseSearch(params)).toEqual({ ...q, district: [1, 3] });
  });

  it("reads repeated and comma-separated ids, and drops malformed values", () => {
    const q = parseSearch(new URLSearchParams("district=1&district=2,3&category=x&people=abc&sort=cheapest&q=%20%20"));
    expect(q).toEqual({ district: [1, 2, 3] });
  });

  it("leaves the default sort and empty filters out of the URL", () => {
    expect(searchToParams({ sort: "popular", district: [], q: "" }).toString()).toBe("");
  });

  it("counts filters in use, not the sort", () => {
    expect(countFilters({ district: [1], people: 2, sort: "rating" })).toBe(2);
    expect(countFilters({})).toBe(0);
  });
});
