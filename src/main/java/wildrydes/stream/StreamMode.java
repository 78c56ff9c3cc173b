package wildrydes.stream;

public enum StreamMode { PROVISIONED, ON_DEMAND }
