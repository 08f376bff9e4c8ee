import { useQuery } from "@tanstack/react-query";
import { api, must } from "./api";

// Reference lists change rarely (the server caches them a minute).
const stale = 5 * 60_000;

export function useDistricts() {
  return useQuery({ queryKey: ["districts"], staleTime: stale, queryFn: async () => must(await api.GET("/v1/districts")).items });
}
export function useCategories() {
  return useQuery({ queryKey: ["categories"], staleTime: stale, queryFn: async () => must(await api.GET("/v1/categories")).items });
}
export function useFacilities() {
  return useQuery({ queryKey: ["facilities"], staleTime: stale, queryFn: async () => must(await api.GET("/v1/facilities")).items });
}
