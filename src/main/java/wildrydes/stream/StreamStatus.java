package wildrydes.stream;

public enum StreamStatus { CREATING, DELETING, ACTIVE, UPDATING }
