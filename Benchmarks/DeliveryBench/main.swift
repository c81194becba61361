print("DeliveryBench: not yet")
