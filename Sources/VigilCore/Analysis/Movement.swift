extension DispatchState {
    /// Where a unit is at `now`: one en route is placed along the way from where it set off to its incident, by the
    /// share of the travel model's ETA gone by; any other unit is where it last reported. Maps call this every tick,
    /// so movement needs no position events.
    public func estimatedPosition(of cs: Callsign, at now: Instant) -> GeoPoint? {
        guard let u = units[cs] else { return nil }
        guard u.status == .enRoute, let ref = u.incident, let target = incidents[ref]?.location else {
            return u.position
        }
        let speed = force.area(u.area)?.speedKmh ?? 40
        let eta = force.travel.eta(km: u.position.distanceKm(to: target), speedKmh: speed).seconds
        guard eta > 0 else { return target }
        let share = min(1, max(0, Double((now - u.statusSince).seconds) / Double(eta)))
        return GeoPoint(
            lat: u.position.lat + (target.lat - u.position.lat) * share,
            lon: u.position.lon + (target.lon - u.position.lon) * share)
    }
}
